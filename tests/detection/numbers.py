"""Valid and invalid identifiers for the detection tests and corpus, built by their
national formats rather than copied (GB 11643 ID numbers, Luhn card numbers).

Every function is deterministic: a seed gives the same numbers on every run.
"""

from __future__ import annotations

import random

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# Real region codes with their history (GB/T 2260): some in use since the 1980s, some
# introduced or abolished later, so that a holder's birth year is often outside the
# code's years of validity, as it is for real people.
REGIONS = (
    "530102",  # 昆明市五华区 (since 1983)
    "530103",  # 昆明市盘龙区 (since 1983)
    "530111",  # 昆明市官渡区 (since 1983)
    "530112",  # 昆明市西山区 (since 1983)
    "530114",  # 昆明市呈贡区 (since 2011)
    "530121",  # 呈贡县 (until 2011)
    "530181",  # 安宁市 (since 1995)
    "530402",  # 玉溪市红塔区 (since 1997)
    "532301",  # 楚雄市
    "110105",  # 北京市朝阳区
    "110103",  # 北京市崇文区 (until 2010)
    "310104",  # 上海市徐汇区
    "440305",  # 深圳市南山区 (since 1990)
    "510107",  # 成都市武侯区 (since 1990)
    "360426",  # 江西省德安县
    "420106",  # 武汉市武昌区
    "370202",  # 青岛市市南区
    "330106",  # 杭州市西湖区
    "520102",  # 贵阳市南明区
    "650102",  # 乌鲁木齐市天山区
    "230103",  # 哈尔滨市南岗区
    "130102",  # 石家庄市长安区
)


def check_digit(first17: str) -> str:
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, WEIGHTS, strict=True)) % 11]


def resident_id(rng: random.Random, region: str | None = None, year: int | None = None) -> str:
    region = region or rng.choice(REGIONS)
    year = year or rng.randint(1940, 2012)
    body = f"{region}{year:04d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + check_digit(body)


def wrong_check(number: str) -> str:
    """The same number with a check digit that does not match."""
    right = number[-1]
    return number[:-1] + next(d for d in "0123456789" if d != right)


def legacy_id(rng: random.Random) -> str:
    """The 15-digit form: region, YYMMDD, order code."""
    region = rng.choice(REGIONS)
    return f"{region}{rng.randint(30, 84):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"


def luhn_complete(prefix: str) -> str:
    total = 0
    for index, char in enumerate(reversed(prefix)):
        value = int(char)
        if index % 2 == 0:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return prefix + str((10 - total % 10) % 10)


def bank_card(rng: random.Random, length: int | None = None) -> str:
    length = length or rng.choice((16, 19, 19, 19))
    bin_ = rng.choice(
        ("622202", "621700", "622848", "621483", "622588", "436742", "625907", "621226")
    )
    body = bin_ + "".join(str(rng.randint(0, 9)) for _ in range(length - len(bin_) - 1))
    return luhn_complete(body)


def luhn_broken(number: str) -> str:
    last = int(number[-1])
    return number[:-1] + str((last + 3) % 10)


MOBILE_PREFIXES = ("139", "138", "137", "135", "150", "151", "152", "158", "159", "186",
                   "187", "188", "189", "177", "176", "199", "198", "166", "181", "133")  # fmt: skip


def mobile(rng: random.Random) -> str:
    return rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(8))


def landline(rng: random.Random) -> str:
    area = rng.choice(("0871", "0871", "010", "021", "0877", "0878", "028", "0851"))
    digits = 8 if len(area) == 3 or area == "0871" else 7
    return f"{area}-{rng.randint(2, 9)}{''.join(str(rng.randint(0, 9)) for _ in range(digits - 1))}"


def credit_code(rng: random.Random) -> str:
    """A unified social credit code (GB 32100) of a government body or a company."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    head = rng.choice(("11", "12", "91", "91", "52")) + rng.choice(REGIONS)
    head += "".join(rng.choice(alphabet[:10] + "MA") for _ in range(9))
    total = sum(alphabet.index(c) * w for c, w in zip(head, weights, strict=True))
    return head + alphabet[(31 - total % 31) % 31]


def masked_id(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def masked_mobile(number: str) -> str:
    return number[:3] + "****" + number[-4:]
