"""Hook: Material's language partials, generated from locales/*.yml."""

from build_tools import site


# Put the generated partials ahead of Material's own (which has none for
# nah, tzo or mix, and falls back to English where we want Spanish).
def on_config(config):
    theme_dir = site.state(config).theme_dir.name
    if theme_dir not in config.theme.dirs:
        config.theme.dirs.insert(0, theme_dir)
    return config
