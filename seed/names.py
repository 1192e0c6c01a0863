"""Synthetic names: common first and last names combined at random, no real persons."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass

from matching.vocab import Gender

# Letters that Unicode does not decompose into an ASCII letter plus a mark.
_ASCII_FALLBACK = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o"})


@dataclass(frozen=True)
class NamePool:
    """First names by gender and last names of one background."""

    female: tuple[str, ...]
    male: tuple[str, ...]
    last: tuple[str, ...]


def split_names(text: str) -> tuple[str, ...]:
    """The names of a ``|``-separated list (kept as text so the lists stay compact)."""
    return tuple(text.split("|"))


def _pool(female: str, male: str, last: str) -> NamePool:
    """A pool from three ``|``-separated lists."""
    return NamePool(split_names(female), split_names(male), split_names(last))


DUTCH = _pool(
    "Anna|Emma|Sanne|Lotte|Femke|Eva|Iris|Noor|Fleur|Marieke|Ingrid|Anouk|Lieke|Julia|Esther|"
    "Ilse|Saskia|Roos|Maud|Judith|Mirjam|Tessa|Annelies|Wilma",
    "Daan|Bram|Joris|Thijs|Sander|Jeroen|Pieter|Ruben|Lucas|Maarten|Koen|Wouter|Gijs|Hendrik|"
    "Stijn|Niels|Martijn|Jan",
    "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Visser|Smit|Meijer|de Boer|Mulder|"
    "de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|"
    "de Graaf|van der Meer|Kok|Jacobs|van Vliet|Verhoeven|Koster|Prins",
)
MOROCCAN = _pool(
    "Fatima|Khadija|Naima|Samira|Malika|Latifa|Hanan|Soumaya|Nadia|Yasmina|Imane|Loubna|"
    "Siham|Houda|Ikram|Salma",
    "Mohamed|Youssef|Ahmed|Karim|Rachid|Mustafa|Hassan|Bilal|Ayoub|Anouar|Said|Nordin|Hamza|Driss",
    "El Amrani|Bouzid|El Idrissi|Benali|Ait Taleb|Azzouzi|Boukhari|El Khatib|Tahiri|Ouali|"
    "Amrani|Chaoui|Bakkali|El Yousfi|Haddou",
)
TURKISH = _pool(
    "Ayşe|Elif|Zeynep|Fatma|Emine|Merve|Büşra|Hatice|Esra|Selin|Derya|Gül",
    "Mehmet|Mustafa|Emre|Burak|Hakan|Murat|Kemal|Ömer|Yusuf|Serkan|Ali",
    "Yılmaz|Kaya|Demir|Şahin|Çelik|Yıldız|Aydın|Öztürk|Arslan|Doğan|Kılıç|Aslan|Koç|Kurt",
)
EAST_AFRICAN = _pool(
    "Hodan|Ayaan|Faduma|Hibo|Saba|Senait|Luwam|Helen|Rahel|Ifrah|Muna|Selam",
    "Abdi|Mohamud|Yonas|Dawit|Tesfay|Omar|Samuel|Filmon|Ahmed|Robel",
    "Warsame|Farah|Hassan|Abdullahi|Tesfamariam|Ghebremedhin|Haile|Kidane|Osman|Berhane|"
    "Mehari|Jama",
)
PERSIAN = _pool(
    "Maryam|Zahra|Shirin|Parisa|Leila|Nasrin|Fereshteh|Mina",
    "Reza|Ali|Hamid|Farid|Mehdi|Javad|Ahmad|Navid",
    "Ahmadi|Hosseini|Rahimi|Karimi|Mohammadi|Sadeghi|Rezaei|Azizi",
)
EAST_EUROPEAN = _pool(
    "Agnieszka|Katarzyna|Magdalena|Olena|Iryna|Natalia|Oksana|Joanna|Kateryna|Anastasia",
    "Piotr|Tomasz|Krzysztof|Andriy|Oleksandr|Mykola|Paweł|Dmytro",
    "Kowalska|Nowak|Wiśniewska|Wójcik|Kowalenko|Shevchenko|Bondarenko|Melnyk|Zielińska|Tkachenko",
)
INTERNATIONAL = _pool(
    "Sarah|Laura|María|Lucía|Emily|Sofía|Hannah|Carmen|Valentina|Grace",
    "James|Daniel|Carlos|Diego|Thomas|Javier|Michael|Pablo",
    "García|Martínez|Smith|Rodríguez|Brown|López|Wilson|Fernández|Taylor|Gómez",
)
CARIBBEAN = _pool(
    "Shanice|Ruth|Natasha|Sharon|Chantal|Gwendolyn|Melissa|Jennifer",
    "Ricardo|Glenn|Orlando|Roy|Clifton|Edson|Marciano|Ruben",
    "Martina|Pinas|Sabajo|Doelwijt|Linger|Amatmoekrim|Rozendal|Kwakman|Wijngaarde|Emanuelson",
)

# The name pool that goes with a person's first language (Dutch for any other).
_BINARY = (Gender.FEMALE, Gender.MALE)
POOL_BY_LANGUAGE: dict[str, NamePool] = {
    "ar": MOROCCAN,
    "ber": MOROCCAN,
    "tr": TURKISH,
    "ku": TURKISH,
    "so": EAST_AFRICAN,
    "ti": EAST_AFRICAN,
    "fa": PERSIAN,
    "pl": EAST_EUROPEAN,
    "uk": EAST_EUROPEAN,
    "en": INTERNATIONAL,
    "es": INTERNATIONAL,
    "pap": CARIBBEAN,
    "srn": CARIBBEAN,
}


def person_name(rng: random.Random, *, gender: str, language: str) -> str:
    """A first and last name fitting the gender and the first language."""
    pool = POOL_BY_LANGUAGE.get(language, DUTCH)
    male = gender == Gender.MALE or (gender not in _BINARY and rng.random() < 0.5)
    first = rng.choice(pool.male if male else pool.female)
    return f"{first} {rng.choice(pool.last)}"


def email_local_part(name: str) -> str:
    """The name as an ASCII e-mail local part: ``Ayşe van Dijk`` → ``ayse.vandijk``."""
    plain = unicodedata.normalize("NFKD", name.translate(_ASCII_FALLBACK))
    first, _, last = plain.encode("ascii", "ignore").decode().lower().partition(" ")
    return f"{first}.{''.join(char for char in last if char.isalnum())}"
