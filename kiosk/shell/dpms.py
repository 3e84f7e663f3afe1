"""DPMS of the screen under SDL's kmsdrm driver: the DRM connector's ``DPMS`` property.

Only the DRM master may set it, and under kmsdrm that is the kiosk itself: SDL holds the card's file
descriptor. pygame-ce's ``display.get_wm_info()`` tells nothing about kmsdrm, so the descriptor is
asked of SDL (``SDL_GetWindowWMInfo``, in the SDL library pygame loaded), and the property is set
through libdrm, as any KMS program does. ``DPMS`` off stops the picture (the connector's CRTC goes
inactive); a television then says "no signal" and most go to standby, a monitor sleeps.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import warnings

import pygame

from kiosk.shell import sdl

SDL_SYSWM_KMSDRM = 13  # SDL_SYSWM_TYPE
DPMS_ON, DPMS_OFF = 0, 3  # DRM_MODE_DPMS_ON, DRM_MODE_DPMS_OFF
DRM_MODE_CONNECTED = 1


class DrmError(Exception):
    pass


class _Version(ctypes.Structure):
    _fields_ = [("major", ctypes.c_uint8), ("minor", ctypes.c_uint8), ("patch", ctypes.c_uint8)]


class _KmsDrm(ctypes.Structure):
    _fields_ = [("dev_index", ctypes.c_int), ("drm_fd", ctypes.c_int), ("gbm_dev", ctypes.c_void_p)]


class _Info(ctypes.Union):
    _fields_ = [("kmsdrm", _KmsDrm), ("dummy", ctypes.c_uint8 * 64)]


class _WMInfo(ctypes.Structure):  # SDL_SysWMinfo
    _fields_ = [("version", _Version), ("subsystem", ctypes.c_int), ("info", _Info)]


class _Resources(ctypes.Structure):  # drmModeRes
    _fields_ = [
        ("count_fbs", ctypes.c_int),
        ("fbs", ctypes.POINTER(ctypes.c_uint32)),
        ("count_crtcs", ctypes.c_int),
        ("crtcs", ctypes.POINTER(ctypes.c_uint32)),
        ("count_connectors", ctypes.c_int),
        ("connectors", ctypes.POINTER(ctypes.c_uint32)),
        ("count_encoders", ctypes.c_int),
        ("encoders", ctypes.POINTER(ctypes.c_uint32)),
        ("min_width", ctypes.c_uint32),
        ("max_width", ctypes.c_uint32),
        ("min_height", ctypes.c_uint32),
        ("max_height", ctypes.c_uint32),
    ]


class _Connector(ctypes.Structure):  # drmModeConnector
    _fields_ = [
        ("connector_id", ctypes.c_uint32),
        ("encoder_id", ctypes.c_uint32),
        ("connector_type", ctypes.c_uint32),
        ("connector_type_id", ctypes.c_uint32),
        ("connection", ctypes.c_int),
        ("mmWidth", ctypes.c_uint32),
        ("mmHeight", ctypes.c_uint32),
        ("subpixel", ctypes.c_int),
        ("count_modes", ctypes.c_int),
        ("modes", ctypes.c_void_p),
        ("count_props", ctypes.c_int),
        ("props", ctypes.POINTER(ctypes.c_uint32)),
        ("prop_values", ctypes.POINTER(ctypes.c_uint64)),
        ("count_encoders", ctypes.c_int),
        ("encoders", ctypes.POINTER(ctypes.c_uint32)),
    ]


class _Property(ctypes.Structure):  # drmModePropertyRes, up to its name
    _fields_ = [("prop_id", ctypes.c_uint32), ("flags", ctypes.c_uint32), ("name", ctypes.c_char * 32)]


def sdl_library() -> ctypes.CDLL:
    """The SDL that pygame loaded (its wheel bundles its own)."""
    path = sdl.library_path()
    if path is None:
        raise DrmError("the SDL library cannot be found")
    return ctypes.CDLL(path)


def wm_info() -> _WMInfo:
    """SDL's record of the kiosk's window: which video subsystem, and under kmsdrm the DRM card's fd."""
    with warnings.catch_warnings():
        # Deprecated for drawing through the Window; the kiosk only reads its SDL window id.
        warnings.simplefilter("ignore", DeprecationWarning)
        window = pygame.Window.from_display_module()
    sdl = sdl_library()
    sdl.SDL_GetWindowFromID.restype = ctypes.c_void_p
    sdl.SDL_GetWindowFromID.argtypes = [ctypes.c_uint32]
    sdl.SDL_GetWindowWMInfo.restype = ctypes.c_int
    sdl.SDL_GetWindowWMInfo.argtypes = [ctypes.c_void_p, ctypes.POINTER(_WMInfo)]
    sdl.SDL_GetVersion.argtypes = [ctypes.POINTER(_Version)]
    pointer = sdl.SDL_GetWindowFromID(window.id)
    info = _WMInfo()
    sdl.SDL_GetVersion(ctypes.byref(info.version))
    if not pointer or not sdl.SDL_GetWindowWMInfo(pointer, ctypes.byref(info)):
        sdl.SDL_GetError.restype = ctypes.c_char_p
        said = (sdl.SDL_GetError() or b"").decode(errors="replace")
        raise DrmError(f"SDL does not say which DRM card it drives ({said or 'no window'})")
    return info


def drm_fd() -> int:
    """The DRM card's descriptor that SDL's kmsdrm driver opened for the kiosk's window."""
    info = wm_info()
    if info.subsystem != SDL_SYSWM_KMSDRM:
        raise DrmError("SDL is not drawing through kmsdrm")
    return int(info.info.kmsdrm.drm_fd)


def _libdrm() -> ctypes.CDLL:
    name = ctypes.util.find_library("drm")
    if name is None:
        raise DrmError("libdrm is not installed (Debian package libdrm2)")
    drm = ctypes.CDLL(name)
    drm.drmModeGetResources.restype = ctypes.POINTER(_Resources)
    drm.drmModeGetResources.argtypes = [ctypes.c_int]
    drm.drmModeFreeResources.argtypes = [ctypes.POINTER(_Resources)]
    drm.drmModeGetConnectorCurrent.restype = ctypes.POINTER(_Connector)
    drm.drmModeGetConnectorCurrent.argtypes = [ctypes.c_int, ctypes.c_uint32]
    drm.drmModeFreeConnector.argtypes = [ctypes.POINTER(_Connector)]
    drm.drmModeGetProperty.restype = ctypes.POINTER(_Property)
    drm.drmModeGetProperty.argtypes = [ctypes.c_int, ctypes.c_uint32]
    drm.drmModeFreeProperty.argtypes = [ctypes.POINTER(_Property)]
    drm.drmModeConnectorSetProperty.restype = ctypes.c_int
    drm.drmModeConnectorSetProperty.argtypes = [
        ctypes.c_int,
        ctypes.c_uint32,
        ctypes.c_uint32,
        ctypes.c_uint64,
    ]
    return drm


def set_dpms(fd: int, on: bool) -> int:
    """Set DPMS on every connected connector that is showing a picture (has an encoder); how many."""
    drm = _libdrm()
    resources = drm.drmModeGetResources(fd)
    if not resources:
        raise DrmError(f"descriptor {fd} is not a DRM card with connectors")
    switched = 0
    try:
        for i in range(resources.contents.count_connectors):
            connector = drm.drmModeGetConnectorCurrent(fd, resources.contents.connectors[i])
            if not connector:
                continue
            try:
                found = connector.contents
                if found.connection != DRM_MODE_CONNECTED or not found.encoder_id:
                    continue  # no screen, or not showing a picture
                for j in range(found.count_props):
                    prop = drm.drmModeGetProperty(fd, found.props[j])
                    if not prop:
                        continue
                    named = prop.contents.name == b"DPMS"
                    prop_id = prop.contents.prop_id
                    drm.drmModeFreeProperty(prop)
                    if named:
                        value = DPMS_ON if on else DPMS_OFF
                        result = drm.drmModeConnectorSetProperty(fd, found.connector_id, prop_id, value)
                        if result != 0:
                            raise DrmError(f"the kernel refused DPMS {'on' if on else 'off'} ({result})")
                        switched += 1
                        break
            finally:
                drm.drmModeFreeConnector(connector)
    finally:
        drm.drmModeFreeResources(resources)
    return switched


def missing() -> str | None:
    """Why DPMS cannot be switched through DRM here; None when it can be tried."""
    if ctypes.util.find_library("drm") is None:
        return "libdrm is not installed (Debian package libdrm2)"
    return None


def switch(on: bool) -> None:
    """DPMS on or off on the screen SDL's kmsdrm driver shows the board on."""
    if set_dpms(drm_fd(), on) == 0:
        raise DrmError("no connected screen has a DPMS property")
