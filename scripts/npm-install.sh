# Sourced by the install scripts. `npm_install <args>`: `npm install` from npm's cache first,
# without asking the registry whether each cached list of versions is the newest (a third less
# time for the project's packages, more for n8n's ~1,500); where the cache lacks something, or
# holds a list older than a range asks for, it installs again asking the registry.
npm_install() {
	npm install --prefer-offline "$@" || {
		echo "» npm's cache was not enough: installing again from the registry" >&2
		npm install "$@"
	}
}
