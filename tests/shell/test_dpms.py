"""DPMS through DRM under kmsdrm. No DRM card here (SDL runs its dummy driver), so these check the
real calls as far as they go: SDL's own answer about its driver, and libdrm's about a descriptor."""

import os

import pytest

from kiosk.shell import dpms, power, power_methods
from kiosk.shell.screen import Screen


def test_sdl_under_its_dummy_driver_names_no_drm_card(screen: Screen) -> None:
    assert "SDL2" in dpms.sdl_library()._name  # the SDL that pygame loaded
    with pytest.raises(dpms.DrmError, match=r"SDL does not say which DRM card it drives \(.+\)"):
        dpms.drm_fd()
    method = power_methods.dpms_for("KMSDRM")
    assert method.name == "dpms (drm)"
    switch = power.Power([method])
    switch.follow(dark=True)
    assert not switch.off
    assert switch.state.error.startswith("dpms (drm): SDL does not say which DRM card it drives")


@pytest.mark.skipif(dpms.missing() is not None, reason="libdrm is not installed here")
def test_libdrm_refuses_a_descriptor_that_is_no_card() -> None:
    fd = os.open(os.devnull, os.O_RDWR)
    try:
        with pytest.raises(dpms.DrmError, match="not a DRM card"):
            dpms.set_dpms(fd, on=False)
    finally:
        os.close(fd)
