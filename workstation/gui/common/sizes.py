"""Spacing, sizes and timings of the interface, in one place (pixels are device-independent)."""

SPACING = 6
MARGIN = 8
QUEUE_MIN_WIDTH = 220
SIDE_PANEL_MIN_WIDTH = 240
CONTEXT_MAX_HEIGHT = 180
CONTEXT_MIN_HEIGHT = 48
CONTEXT_MEASURE_CHARS = 10_000  # a longer context fills CONTEXT_MAX_HEIGHT at any window width
GUIDELINES_WIDTH = 320  # the right-hand docks at DEFAULT_WINDOW_SIZE; wider or narrower with the window
PANE_MIN_WIDTH = 240  # the original and the rewrite pane: below this a line holds too few words
CENTER_MIN_WIDTH = 2 * PANE_MIN_WIDTH + 12  # both panes and the handle between them
DEFAULT_FONT_POINT_SIZE = 12
MIN_FONT_POINT_SIZE = 8
MAX_FONT_POINT_SIZE = 32
DEFAULT_WINDOW_SIZE = (1440, 900)
FILE_LIST_WIDTH = 520  # a dialog's list of chosen files; longer paths are cut in the middle
RATING_BUTTON_WIDTH = 32  # one rubric value: a digit, bold when chosen
CHOICE_RADIUS = 3  # corners of a rating button and a tag's check box
FOCUS_RING_WIDTH = 2  # the keyboard-focus ring, drawn inside the option's edge
EMPTY_STATE_WIDTH = 520  # the column of the "no tasks yet" hint, centred in the editor area

AUTOSAVE_DEBOUNCE_MS = 400  # DESIGN.md: at most 500 ms after the last keystroke
# ...and while the writer types without a pause, at least this often (a crash mid-burst loses
# at most this much typing, not the whole burst).
AUTOSAVE_MAX_WAIT_MS = 2000
DIFF_DEBOUNCE_MS = 60
SEARCH_DEBOUNCE_MS = 200
ACTIVE_TIME_TICK_MS = 1000
SAVE_RETRY_MS = 3000
# A progress window appears this long after its work began (DESIGN.md: feedback for anything
# over ~0.5 s), so work that ends sooner never flashes one.
PROGRESS_SHOW_AFTER_MS = 250
PROGRESS_LABEL_WIDTH = 420  # wide enough for "Importing <name>: 100,000 tasks read…"
# A progress window shows its work's progress at most this often (a new stage at once): an import
# reports each whole percent, up to ~90 times a second for 10,000 tasks, more often than a screen
# shows, and those repaints took ~1.4 ms of the GUI thread a keystroke (p50) from typing meanwhile.
PROGRESS_REPAINT_MS = 40
# Pairs longer than this (characters, both panes together; about 1,000 words each) are analysed
# off the GUI thread: diff, lint, metrics and spelling of a 5,000-word pair take ~40 ms.
OFF_THREAD_DIFF_CHARS = 12_000
# When a task opens, its word diff alone is computed at once on the GUI thread up to this size
# (about 3,000 words a side, ~20 ms) so the changes show without waiting for lint and spelling.
SYNC_DIFF_ON_OPEN_CHARS = 40_000
# Pairs longer than this (characters, both panes; about 15,000 words a side) are analysed once
# the writer pauses this long: their diff alone takes longer than the gap between two keys, and a
# worker that never stops would keep the GUI thread waiting for the interpreter while it types.
ANALYSE_ON_PAUSE_CHARS = 150_000
ANALYSE_ON_PAUSE_MS = 250

# The same unexpected error again within this many seconds of the last time (a loop, a repaint)
# opens no new dialog and logs no new traceback.
CRASH_REPEAT_WINDOW_S = 5.0

# Batch charts (gui/reviewer/charts): one row per group in box plots and verdict bars.
CHART_ROW_HEIGHT = 22
CHART_ROW_GAP = 6
CHART_PADDING = 8
CHART_LABEL_MAX_WIDTH = 180  # a group label wider than this is cut with "…" (its tooltip has it whole)
CHART_MIN_WIDTH = 320
CHART_HISTOGRAM_HEIGHT = 170
