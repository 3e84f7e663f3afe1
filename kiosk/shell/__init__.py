"""The imperative shell: the loop, the screen and its DRM card, systemd notification, the live config,
the status file and the remote.
"""
