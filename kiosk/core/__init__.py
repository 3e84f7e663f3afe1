"""The pure core's vocabulary: the values every layer speaks (sessions, schedules, problems), the text
clean-up, wall-clock instants, the board's words in every language, and the bundled files.
"""
