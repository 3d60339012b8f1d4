"""The reviewer's side: the inbox of received bundles, audit data and batch statistics."""
