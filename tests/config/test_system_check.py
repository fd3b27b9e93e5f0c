import builtins

from config import system_check


def test_it_passes_on_a_machine_with_pango_and_libthai(capsys):
    assert system_check.main() == 0


def test_it_names_the_debian_packages_when_pango_is_missing(monkeypatch, capsys):
    real_import = builtins.__import__

    def failing_import(name, *args, **kwargs):
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing_import)
    assert system_check.main() == 1
    assert "apt-get install libpango-1.0-0" in capsys.readouterr().err


def test_it_says_pdfs_are_slower_without_harfbuzz_subset_but_goes_on(monkeypatch, capsys):
    from ctypes import util

    real_find = util.find_library
    monkeypatch.setattr(
        util, "find_library", lambda name: None if name == "harfbuzz-subset" else real_find(name)
    )
    assert system_check.main() == 0
    assert "apt-get install libharfbuzz-subset0" in capsys.readouterr().err
