from celery import shared_task


@shared_task
def ping(value):
    """Echo a value back: lets CI prove that a task crosses the broker to a worker and back."""
    return {"pong": value}
