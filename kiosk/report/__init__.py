"""What ``check`` reports: the schedule and every side source as the board reads them, as a value with
text and JSON forms.
"""
