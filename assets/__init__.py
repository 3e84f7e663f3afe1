"""The bundled fonts (``fonts/``), installed as package data of ``kiosk.assets``; see ``kiosk.core.resources``."""
