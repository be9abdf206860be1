"""URLs as pages print them: under the site's base path, or absolute."""

from __future__ import annotations

from dataclasses import dataclass

from sitegen.archive.assets import Assets
from sitegen.core.config import Config


@dataclass(frozen=True)
class Links:
    base_url: str  # "https://example.org/archive/"
    base_path: str  # "/archive/"
    assets: Assets

    @classmethod
    def for_site(cls, config: Config, assets: Assets) -> "Links":
        return cls(config.base_url, config.base_path, assets)

    def url(self, path: str = "") -> str:
        """Root-relative URL of a site path: works under any host, needs the base path."""
        return self.base_path + path.lstrip("/")

    def absolute(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def asset(self, name: str) -> str:
        return self.url(self.assets.output_of(name))
