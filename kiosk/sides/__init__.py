"""The side sources' readers: vote results, ideas from the proposal form, the urgent alert and the
organisers' updates, each bytes in, values out.
"""
