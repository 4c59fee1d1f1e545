"""The sign-up payload and the public profile: what comes in is not what goes out."""

import re
from typing import Annotated, Literal, Self

from pydantic import BaseModel, Field, field_validator, model_validator

EMAIL_PATTERN = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
PHONE_PATTERN = re.compile(r"\+?[0-9]{6,15}")


class Address(BaseModel):
    street: Annotated[str, Field(min_length=1)]
    city: Annotated[str, Field(min_length=1)]
    postcode: Annotated[str, Field(min_length=1)]
    country: Annotated[str, Field(pattern=r"^[A-Za-z]{2}$")] = "GB"

    @field_validator("country")
    @classmethod
    def upper_case_country(cls, value: str) -> str:
        return value.upper()


class Phone(BaseModel):
    kind: Literal["mobile", "home", "work"] = "mobile"
    number: str

    @field_validator("number")
    @classmethod
    def normalise_number(cls, value: str) -> str:
        """Spaces and hyphens are only for reading; keep the digits (and a leading +)."""
        compact = value.replace(" ", "").replace("-", "")
        if not PHONE_PATTERN.fullmatch(compact):
            raise ValueError("a phone number is an optional + and 6 to 15 digits")
        return compact


class UserBase(BaseModel):
    """The fields a sign-up and a profile share."""

    email: str
    full_name: Annotated[str, Field(min_length=1, max_length=100)]
    address: Address
    phones: list[Phone]
    newsletter: bool = False

    @field_validator("email")
    @classmethod
    def normalise_email(cls, value: str) -> str:
        value = value.strip().lower()
        if not EMAIL_PATTERN.fullmatch(value):
            raise ValueError("not a valid email address")
        return value

    @field_validator("full_name", mode="before")
    @classmethod
    def tidy_whitespace(cls, value: object) -> object:
        """Runs before the length check, so a name of only spaces is refused as empty."""
        return " ".join(value.split()) if isinstance(value, str) else value


class SignUp(UserBase):
    password: Annotated[str, Field(min_length=8)]
    password_confirm: str

    @field_validator("password")
    @classmethod
    def strong_enough(cls, value: str) -> str:
        if not any(c.isalpha() for c in value) or not any(c.isdigit() for c in value):
            raise ValueError("a password needs at least one letter and one digit")
        return value

    @model_validator(mode="after")
    def passwords_match(self) -> Self:
        """Compares two fields, so it runs on the whole model once each field is valid."""
        if self.password != self.password_confirm:
            raise ValueError("passwords do not match")
        return self


class UserOut(UserBase):
    """The public profile: it has no password fields, so none can ever be serialised."""

    id: int
