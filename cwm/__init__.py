"""cwm（创文管理）: the 创建全国文明城市 work plan as a tool — duties, due dates and
evidence checks."""

__version__ = "0.1.0"
