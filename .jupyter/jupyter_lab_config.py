# JupyterLab's settings for this project. `make lab` and tests/test_jupyterlab.py start
# JupyterLab with JUPYTER_CONFIG_DIR=.jupyter, so this folder stands in for ~/.jupyter: a
# researcher's own config there does not apply, and the settings they change in JupyterLab
# and its workspaces are kept in .jupyter/lab/ (git-ignored). JupyterLab makes no request
# to other hosts: no news feed, no update check, no extension listing from PyPI.
#
# labconfig/page_config.json disables (and locks) the announcements plugin, which would
# otherwise ask on first start whether to fetch Jupyter news, and check for updates.
c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)

# jupyterlab/labapp.py: "Set to None to turn off fetching announcements" (the Atom feed
# at jupyterlab.github.io that /lab/api/news fetches), and the page then says news is
# disabled.
c.LabApp.news_url = None

# jupyterlab/handlers/announcements.py: NeverCheckForUpdate is "provided for
# administrators that want to turn off requesting external resources"; the default
# class asks pypi.org for JupyterLab's latest version on every GET /lab/api/update.
c.LabApp.check_for_updates_class = "jupyterlab.handlers.announcements.NeverCheckForUpdate"

# jupyterlab/labapp.py: "readonly" is a manager without installation capability; the
# default "pypi" searches PyPI and asks it for the latest version of every installed
# extension when the Extension Manager lists them. Extensions come from the lock file.
c.LabApp.extension_manager = "readonly"
