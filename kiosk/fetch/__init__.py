"""The edge that fetches: HTTP and files, the last-good cache, back-off, the poller thread, and how
fresh what it holds is.
"""
