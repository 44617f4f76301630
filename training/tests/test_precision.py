"""Where bf16 autocast is taken: read from the CPU's flags, and AMX asked for only where the CPU has it."""
import os

import pytest

from gatefill_train import precision


@pytest.mark.parametrize("flags, expected", [
    ({"avx2", "fma"}, False),
    ({"avx512f", "avx512_bf16"}, True),
    ({"avx512f", "amx_bf16", "amx_tile"}, True),
])
def test_bf16_on_cpu_follows_the_flags(monkeypatch, flags, expected) -> None:
    monkeypatch.setattr(precision, "cpu_flags", lambda: frozenset(flags))
    assert precision.bf16_supported("cpu") is expected
    assert precision.bf16_supported("mps") is False


def test_amx_is_asked_for_only_on_amx_cpus_and_never_over_the_user(monkeypatch) -> None:
    monkeypatch.delenv("ONEDNN_MAX_CPU_ISA", raising=False)
    monkeypatch.setattr(precision, "cpu_flags", lambda: frozenset({"avx512_bf16"}))
    precision.allow_amx()
    assert "ONEDNN_MAX_CPU_ISA" not in os.environ
    monkeypatch.setattr(precision, "cpu_flags", lambda: frozenset({"amx_bf16"}))
    precision.allow_amx()
    assert os.environ["ONEDNN_MAX_CPU_ISA"] == "AVX512_CORE_AMX"
    monkeypatch.setenv("ONEDNN_MAX_CPU_ISA", "AVX2")
    precision.allow_amx()
    assert os.environ["ONEDNN_MAX_CPU_ISA"] == "AVX2"


def test_this_machines_flags_are_read() -> None:
    # Every x86-64 Linux machine CI runs on lists flags; an empty set would mean the parsing broke.
    assert "sse2" in precision.cpu_flags()
