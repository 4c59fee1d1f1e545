"""The product catalogue the search runs over, kept in SKU order."""

from pydantic import BaseModel


class Product(BaseModel):
    sku: str
    name: str
    price: float
    tags: list[str]


PRODUCTS: list[Product] = [
    Product(sku="CAM-0001", name="USB Webcam", price=45.0, tags=["usb", "video"]),
    Product(sku="CBL-0001", name="USB-C Cable", price=9.99, tags=["usb", "cable"]),
    Product(sku="CBL-0002", name="HDMI Cable", price=12.5, tags=["cable", "video"]),
    Product(sku="HUB-0001", name="USB Hub", price=24.0, tags=["usb"]),
    Product(sku="KBD-0001", name="Mechanical Keyboard", price=89.0, tags=["keyboard", "wired"]),
    Product(sku="KBD-0002", name="Wireless Keyboard", price=59.0, tags=["keyboard", "wireless"]),
    Product(sku="MON-0001", name="27-inch Monitor", price=229.0, tags=["monitor", "video"]),
    Product(sku="MSE-0001", name="Wireless Mouse", price=25.0, tags=["mouse", "wireless"]),
    Product(sku="MSE-0002", name="Gaming Mouse", price=49.0, tags=["mouse", "wired", "gaming"]),
    Product(sku="PWR-0001", name="USB-C Charger", price=30.0, tags=["usb", "power"]),
    Product(sku="STO-0001", name="USB Flash Drive", price=15.0, tags=["usb", "storage"]),
    Product(sku="STO-0002", name="Portable SSD", price=99.0, tags=["usb", "storage"]),
]
