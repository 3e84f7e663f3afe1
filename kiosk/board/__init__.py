"""What the board shows at a moment: the timeline of sessions and slots, the demo moved to today, the
screen's hours and the page carousel. Pure functions of data and a given ``now``.
"""
