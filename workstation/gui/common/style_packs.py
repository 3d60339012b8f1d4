"""Which style pack lints the texts: the one Preferences names, for the writer and the reviewer alike."""

from __future__ import annotations

from workstation.core.prose.style_pack import StylePack, default_style_pack, load_styles
from workstation.gui.common.settings import AppSettings


def load_pack(settings: AppSettings) -> StylePack:
    """Our style pack, or the Vale styles folder chosen in Preferences (falling back to ours)."""
    folder = settings.style_folder()
    if folder is not None and folder.is_dir():
        pack = load_styles([folder])
        if pack.rules:
            return pack
    return default_style_pack()
