"""What complaints tells the apps above it, without importing them."""

from django.dispatch import Signal

# Sent inside the transaction that stores the complainant's reply; args: complaint, message.
complainant_replied = Signal()
