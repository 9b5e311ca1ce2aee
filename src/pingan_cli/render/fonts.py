"""Fonts pictures and reports name: installed ones only, so nothing is fetched to view them.

Each stack lists the common CJK fonts of Linux, macOS and Windows before the generic family, so
Chinese is drawn wherever the picture is opened, with no web font and no network.
"""

from __future__ import annotations

_CJK_SANS = (
    '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei", "PingFang SC", '
    '"Hiragino Sans GB", "Microsoft YaHei", "Heiti SC", "SimHei"'
)
_CJK_MONO = (
    '"Noto Sans Mono CJK SC", "Sarasa Mono SC", "WenQuanYi Zen Hei Mono", "Noto Sans CJK SC", '
    '"WenQuanYi Zen Hei", "PingFang SC", "Microsoft YaHei", "SimHei"'
)
SANS = f'system-ui, -apple-system, "Segoe UI", Roboto, Arial, {_CJK_SANS}, sans-serif'
MONO = f'"DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", {_CJK_MONO}, monospace'
