# Sourced (POSIX sh) by bin/causerie, ./mvnw and .ci/run: points JAVA_HOME at a JDK 25 or newer.
# Order: JAVA_HOME, then the java on PATH, then the JDKs under /usr/lib/jvm (newest first).
# It must print nothing when a JDK is found, say what to install when none is, and work under
# mvnw's `set -euf` (no globbing, no unset variables).

causerie_java_major() { # $1 = a JDK home; prints its major version, or nothing
  if [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ]; then
    if [ -f "$1/release" ]; then
      sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release"
    else
      "$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p'
    fi
  fi
}

causerie_try_jdk() { # $1 = a JDK home; exports it as JAVA_HOME when it is 25 or newer
  [ -n "$1" ] || return 1
  _causerie_major=$(causerie_java_major "$1")
  [ -n "$_causerie_major" ] && [ "$_causerie_major" -ge 25 ] || return 1
  JAVA_HOME=$1
  export JAVA_HOME
}

causerie_find_jdk() {
  causerie_try_jdk "${JAVA_HOME-}" && return 0
  _causerie_java=$(command -v java 2>/dev/null || true)
  if [ -n "$_causerie_java" ]; then
    causerie_try_jdk "$(dirname "$(dirname "$(readlink -f "$_causerie_java")")")" && return 0
  fi
  for _causerie_home in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -V -r); do
    causerie_try_jdk "$_causerie_home" && return 0
  done
  {
    echo "causerie: no JDK 25 found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm)."
    echo "Install one (for example Eclipse Temurin 25: the temurin-25-jdk package from Adoptium's"
    echo "apt repository), or unpack a JDK 25 and set JAVA_HOME to it."
  } >&2
  return 1
}
