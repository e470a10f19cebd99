#!/bin/sh
# Makes the release tarball, target/causerie-VERSION-linux-x64.tar.gz: the runnable jar, a Java runtime
# reduced by jlink to the modules jdeps finds in the jar, the launcher, the reference configuration, the
# systemd unit and the docs. Run by `./mvnw -Pdist package` (after the jar is shaded), not by verify.
#   dist/release.sh VERSION JDK_HOME
set -eu
version=$1
jdk=$2
root=$(cd "$(dirname "$0")/.." && pwd)
target=$root/target
name=causerie-$version
stage=$target/dist/$name

rm -rf "$target/dist"
mkdir -p "$stage/bin" "$stage/lib" "$stage/etc" "$stage/systemd"
cp "$target/causerie.jar" "$stage/lib/causerie.jar"

# The modules the code uses, as jdeps reads them from the classes; jdk.unsupported (sun.misc.Signal) and
# the ones some libraries load by name (JMX for the pool, JNDI and XML for logging) are named as well.
modules=$("$jdk/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps "$stage/lib/causerie.jar")
modules=$modules,jdk.unsupported,java.management,java.naming,java.xml,jdk.crypto.cryptoki,jdk.localedata
echo "release: jlink --add-modules $modules"
"$jdk/bin/jlink" --add-modules "$modules" --include-locales=en --strip-debug --no-man-pages \
  --no-header-files --compress=zip-6 --output "$stage/runtime"

cp "$root/dist/causerie" "$stage/bin/causerie"
chmod 755 "$stage/bin/causerie"
cp "$root/bin/jvm-options" "$stage/bin/jvm-options" # the JVM flags, the same as bin/causerie's
cp "$root/dist/causerie.toml" "$stage/etc/causerie.toml"
cp "$root/dist/systemd/causerie.service" "$stage/systemd/causerie.service"
cp "$root/LICENSE" "$root/README.md" "$stage/"
cp "$root/docs/install.md" "$stage/INSTALL.md"

# The runtime must run the server on its own: start one on a free port, wait for it to listen, stop it.
smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
"$stage/bin/causerie" --version
"$stage/bin/causerie" server --bind 127.0.0.1 --port 0 --data "$smoke/data" >"$smoke/out" 2>"$smoke/err" &
pid=$!
i=0
until grep -q "listening on" "$smoke/out" 2>/dev/null; do
  i=$((i + 1))
  if [ $i -gt 300 ] || ! kill -0 $pid 2>/dev/null; then
    cat "$smoke/out" "$smoke/err" >&2
    echo "release: the server did not start on the jlink runtime" >&2
    kill $pid 2>/dev/null || true
    exit 1
  fi
  sleep 0.1
done
kill -TERM $pid
wait $pid
echo "release: the server started and stopped on the jlink runtime ($(du -sh "$stage/runtime" | cut -f1) runtime)"

tar -C "$target/dist" -czf "$target/$name-linux-x64.tar.gz" "$name"
echo "release: $target/$name-linux-x64.tar.gz"
