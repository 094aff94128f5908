"""Goods handed from one actor to another are support: 'X received money from Y', 'Y supplied weapons to X'."""

from __future__ import annotations

import pytest
from test_frames_org import Analyze, find


@pytest.mark.parametrize("text", [
    "Hezbollah received money from Iran, officials said.",
    "Iran supplied weapons to Hezbollah last year.",
])
def test_goods_given_or_received_are_support(analyze: Analyze, text: str) -> None:
    assert find(analyze(text), "supported", "Hezbollah", "Iran")

