"""The default config, the demo schedule, its JSON Schema and the systemd units, installed as package
data of ``kiosk.data``; see ``kiosk.core.resources``."""
