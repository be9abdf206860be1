"""ingest/addresses.py: a capture's address split into the original and a web archive's copy."""

from sitegen.ingest.addresses import split_address


def test_an_outlets_own_address_is_the_original():
    assert split_address("https://courier.example/a") == ("https://courier.example/a", None)
    assert split_address(None) == (None, None)


def test_a_web_archive_address_gives_the_copy_and_the_original_inside_it():
    for copy in ("https://web.archive.org/web/20230412093015/https://courier.example/a?b=1",
                 "http://archive.org/web/20230412093015id_/https://courier.example/a?b=1",
                 "https://archive.ph/2023.04.12-093015/https://courier.example/a?b=1"):
        assert split_address(copy) == ("https://courier.example/a?b=1", copy)


def test_a_short_archive_address_names_no_original():
    assert split_address("https://archive.ph/AbC12") == (None, "https://archive.ph/AbC12")
