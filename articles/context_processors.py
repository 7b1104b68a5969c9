from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, str]:
    return {"emergency_number": settings.EMERGENCY_NUMBER}
