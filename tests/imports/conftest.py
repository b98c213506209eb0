"""Valid sample files for every kind of bulk import, written for the `roles` fixture's
organisation ("Eigen Organisatie"), and helpers to run an import the way pages do."""

import pytest

from kennisbrug.skills.models import Occupation

OCCUPATION_URI = "http://data.europa.eu/esco/occupation/kennisbrug-test-lasser"

# kind → (header, two data rows); every row belongs to the roles' own organisation.
SAMPLES = {
    "organisations": (
        "naam;type;land;postcode;gemeente;beschrijving",
        [
            "Lasbedrijf Noord;kmo;BE;9000;Gent;Lassen op maat.",
            "Kenniscentrum Zuid;kennisinstelling;NL;5611;Eindhoven;Onderzoek naar fotonica.",
        ],
    ),
    "facilities": (
        "organisatie;naam;categorie;beschrijving;postcode;gemeente;land;uurtarief_kmo",
        [
            "Eigen Organisatie;Lasercel;labo;Lasersnijden.;9000;Gent;BE;125,50",
            "Eigen Organisatie;Cleanroom;cleanroom;ISO 7.;9000;Gent;BE;1.250,00",
        ],
    ),
    "living_labs": (
        "organisatie;naam;thema;beschrijving;testomgeving;deelnemen;postcode;land",
        [
            "Eigen Organisatie;Proeftuin Haven;logistiek;Een haven.;De kade.;Mail ons.;9000;BE",
            "Eigen Organisatie;Proeftuin Zorg;zorg;Een zorghuis.;Kamers.;Bel ons.;5611;NL",
        ],
    ),
    "trainings": (
        "aanbieder;titel;taal;vorm;kosten;duur_uren;startdata;niveau;regio",
        [
            "Eigen Organisatie;Lassen MIG/MAG;Nederlands;klassikaal;1.250,00;40;15-09-2030;4;BE211",
            "Eigen Organisatie;Robotlassen;en;online;0;8;;;",
        ],
    ),
    "vacancies": (
        "werkgever;titel;beroep;regio;status",
        [
            f"Eigen Organisatie;Lasser (m/v/x);{OCCUPATION_URI};BE211;open",
            "Eigen Organisatie;Lasser nachtploeg;lasser;NL414;",
        ],
    ),
    "research_groups": (
        "organisatie;naam;expertise;beschrijving;website;contact_email",
        [
            "Eigen Organisatie;Lab Waterstof;waterstofopslag;Onderzoek.;https://lab.example.org;lab@example.org",
            "Eigen Organisatie;Groep Fotonica;lasers, sensoren;Optica.;;",
        ],
    ),
    "experts": (
        "organisatie;naam;functie;onderzoeksgroep;expertise;e-mail;toestemming",
        [
            "Eigen Organisatie;Prof. An Janssens;hoogleraar;;waterstofopslag;an@example.org;ja",
            "Eigen Organisatie;Dr. Bart Claes;onderzoeker;;lasers;;nee",
        ],
    ),
}
KINDS = list(SAMPLES)


def csv_file(header: str, rows: list[str]) -> bytes:
    return ("\ufeff" + header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


def sample(kind: str) -> bytes:
    header, rows = SAMPLES[kind]
    return csv_file(header, rows)


@pytest.fixture(autouse=True)
def occupation(db):
    return Occupation.objects.get_or_create(
        uri=OCCUPATION_URI, defaults={"code": "7212.1", "label_nl": "lasser", "label_en": "welder"}
    )[0]
