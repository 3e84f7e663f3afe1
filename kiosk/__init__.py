"""Open Spaces kiosk: the board screen beside the Open Spaces room."""

__version__ = "0.1.0"
