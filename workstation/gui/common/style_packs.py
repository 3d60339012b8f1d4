"""Which style pack lints the texts: the one Preferences names, for the writer and the reviewer alike."""

from __future__ import annotations

from workstation.core.prose.style_pack import StylePack, default_style_pack, load_styles
from workstation.gui.common.settings import AppSettings


def disabled_categories(settings: AppSettings, pack: StylePack) -> set[str]:
    """The categories switched off in settings, in the pack's terms.

    Categories of styles without ``meta.json`` used to be named after the rule file alone
    (``Contractions``); they are ``Style.Rule`` now, so an old saved name is translated and the
    translation saved, and the writer's choice survives the upgrade.
    """
    saved = settings.disabled_categories()
    current = pack.current_category_names(saved)
    if current != saved:
        settings.set_disabled_categories(current)
    return current


def load_pack(settings: AppSettings) -> StylePack:
    """Our style pack, or the Vale styles folder chosen in Preferences (falling back to ours)."""
    folder = settings.style_folder()
    if folder is not None and folder.is_dir():
        pack = load_styles([folder])
        if pack.rules:
            return pack
    return default_style_pack()
