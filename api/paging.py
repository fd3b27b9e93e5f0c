"""Paging of every list: `?page=2&page_size=50` (at most 200), with the count and links."""

from rest_framework.pagination import PageNumberPagination


class Paging(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
