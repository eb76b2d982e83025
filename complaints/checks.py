"""System checks for what attachments need from the machine."""

import shutil

from django.conf import settings
from django.core.checks import Warning, register


@register()
def media_tools_installed(app_configs, **kwargs):
    """Warns when ffmpeg or ffprobe is missing: video and audio attachments are
    then refused (never stored with their metadata)."""
    missing = [name for name in (settings.FFMPEG_BINARY, settings.FFPROBE_BINARY) if shutil.which(name) is None]
    if not missing:
        return []
    return [
        Warning(
            f"{', '.join(missing)} not found: video and audio attachments will be refused.",
            hint="Install the Debian package 'ffmpeg', or set FFMPEG_BINARY / FFPROBE_BINARY.",
            id="complaints.W001",
        )
    ]
