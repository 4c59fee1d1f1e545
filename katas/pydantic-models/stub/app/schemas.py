"""The sign-up payload. Its rules, defaults and the output model are still to be written."""

from pydantic import BaseModel


class Address(BaseModel):
    # TODO: street, city and postcode are required, non-empty strings; country is two letters,
    # "GB" when left out, stored in capitals ("fr" -> "FR").
    street: str
    city: str
    postcode: str
    country: str


class Phone(BaseModel):
    # TODO: kind is one of "mobile", "home", "work" ("mobile" when left out); number loses its
    # spaces and hyphens and must then be an optional "+" and 6 to 15 digits.
    kind: str
    number: str


class SignUp(BaseModel):
    # TODO: email stripped and lower-cased, then shaped like name@domain.tld; full_name trimmed
    # with inner whitespace collapsed, 1 to 100 characters after that; password at least 8
    # characters with a letter and a digit; password_confirm equal to password (a
    # model_validator); phones and newsletter optional ([] and false).
    email: str
    full_name: str
    password: str
    password_confirm: str
    address: Address
    phones: list[Phone]
    newsletter: bool


# TODO: an output model for the public profile: id plus the sign-up fields, never the password
# or its confirmation.
