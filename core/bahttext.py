"""An amount of baht in Thai words, as Thai documents write it under the figure:
1,234,567.50 → หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์."""

from decimal import Decimal

from core.numbers import cents

DIGITS = ("ศูนย์", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า")
# The place of each digit within a group of six; groups are joined by ล้าน.
PLACES = ("", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน")
MILLION = 1_000_000


def _below_a_million(number, *, has_higher):
    """The words of 0 < number < 1,000,000. A final one is read เอ็ด when anything comes
    before it (สิบเอ็ด, หนึ่งร้อยเอ็ด, หนึ่งล้านเอ็ด); a ten of two is ยี่สิบ, of one สิบ."""
    words = []
    digits = [int(d) for d in str(number)]
    size = len(digits)
    for index, digit in enumerate(digits):
        place = size - index - 1
        if digit == 0:
            continue
        if place == 0 and digit == 1 and (has_higher or number > 9):
            words.append("เอ็ด")
        elif place == 1 and digit == 1:
            words.append("สิบ")
        elif place == 1 and digit == 2:
            words.append("ยี่สิบ")
        else:
            words.append(DIGITS[digit] + PLACES[place])
    return "".join(words)


def _number_words(number, *, has_higher=False):
    """The words of a whole number > 0, any size (ล้านล้าน for a million millions)."""
    if number >= MILLION:
        millions, rest = divmod(number, MILLION)
        words = _number_words(millions, has_higher=has_higher) + "ล้าน"
        if rest:
            words += _below_a_million(rest, has_higher=True)
        return words
    return _below_a_million(number, has_higher=has_higher)


def baht_text(amount):
    """`amount` (Decimal, int or a numeric string) in Thai words, rounded to the satang:
    0 → ศูนย์บาทถ้วน, 100 → หนึ่งร้อยบาทถ้วน, 0.50 → ห้าสิบสตางค์,
    1,234,567.50 → หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ดบาทห้าสิบสตางค์.
    A negative amount starts with ลบ."""
    amount = cents(Decimal(str(amount)))
    sign = "ลบ" if amount < 0 else ""
    amount = abs(amount)
    baht = int(amount)
    satang = int((amount - baht) * 100)
    if not baht and not satang:
        return "ศูนย์บาทถ้วน"
    words = sign
    if baht:
        words += _number_words(baht) + "บาท"
    if satang:
        words += _number_words(satang) + "สตางค์"
    else:
        words += "ถ้วน"
    return words
