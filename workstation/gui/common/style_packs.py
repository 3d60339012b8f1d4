"""Which style pack lints the texts: the one Preferences names, for the writer and the reviewer alike."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workstation.gui.common.settings import AppSettings

if TYPE_CHECKING:
    from workstation.core.prose.rule_kinds import SpellingBackend
    from workstation.core.prose.style_pack import StylePack


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


def load_pack(settings: AppSettings, spelling: SpellingBackend) -> StylePack:
    """Our style pack, or the Vale styles folder chosen in Preferences (falling back to ours).

    Its ``spelling`` rules check against ``spelling`` (the context's, so every window's packs share
    one loaded dictionary).
    """
    return pack_from_folder(settings.style_folder(), spelling)


def pack_from_folder(folder: Path | None, spelling: SpellingBackend) -> StylePack:
    """The Vale styles in ``folder`` (None: none chosen), else ours; reads no settings, so a worker
    thread may load it."""
    # Imported here: the loader brings RE2, the rule kinds and YAML (about 100 ms), which a window
    # needs only once it lints, after it is painted.
    from workstation.core.prose.rule_kinds import attach_spelling
    from workstation.core.prose.style_pack import default_style_pack, load_styles

    if folder is not None and folder.is_dir():
        pack = load_styles([folder])
        if pack.rules:
            return attach_spelling(pack, spelling)
    return default_style_pack()
