"""Open Spaces kiosk: the board screen beside the Open Spaces room."""

import sys

__version__ = "0.1.0"

# pygame's package imports its mixer unless that import fails, and with it SDL_mixer and the codecs it
# links (FLAC, Opus, Vorbis, MP3, MIDI, tracker modules): about 2 MiB of the running kiosk's memory
# (bench/idle_cost.py). The board makes no sound, so until pygame is first imported its two audio
# modules are marked missing; a None in sys.modules fails an import as if the module were absent, and
# pygame then leaves ``pygame.mixer`` as a placeholder that says so if anything uses it.
if "pygame" not in sys.modules:
    sys.modules.setdefault("pygame.mixer", None)  # type: ignore[arg-type]
    sys.modules.setdefault("pygame.mixer_music", None)  # type: ignore[arg-type]
