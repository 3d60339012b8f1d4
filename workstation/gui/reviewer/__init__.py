"""The reviewer's mode: the review window, its queue, verdict panel and batch charts."""
