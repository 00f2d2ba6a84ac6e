#!/usr/bin/env bash
# Single entry point: ./submit.sh <job> [options]     (./submit.sh --help lists the jobs)
#
# With SPARK_HOME set, or spark-submit on PATH, the job goes to spark-submit with the application jar (Spark itself
# not bundled); --master, --deploy-mode, --conf, --driver-memory, --executor-memory, --executor-cores,
# --num-executors, --total-executor-cores, --queue, --name and --jars are passed through to it.
# Without Spark installed, the self-contained jar runs with java in local[*] mode (built first if needed);
# --master, --conf and --driver-memory still apply.
# ./submit.sh cluster start|status|stop runs a Spark standalone cluster on this machine (README, Operations).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Where `./submit.sh cluster` keeps its state and finds the Spark jars (target/cluster, target/spark-classpath.txt).
export AIRESILIENCE_HOME="$here"
version=0.1.0
app_jar="$here/target/airesilience-$version-app.jar"
local_jar="$here/target/airesilience-$version-all.jar"
main_class=org.airesilience.cli.Main

# JVM flags Spark needs on Java 17 (the list spark-submit's launcher adds itself).
jvm_flags=(
  -XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false
  -Dio.netty.tryReflectionSetAccessible=true
)

spark_submit=""
if [[ -n "${SPARK_HOME:-}" && -x "$SPARK_HOME/bin/spark-submit" ]]; then
  spark_submit="$SPARK_HOME/bin/spark-submit"
elif command -v spark-submit >/dev/null 2>&1; then
  spark_submit="$(command -v spark-submit)"
fi

# Split spark-submit options from the job's own arguments.
spark_args=()
job_args=()
driver_memory="${AIRESILIENCE_DRIVER_MEMORY:-4g}"
while (($#)); do
  case "$1" in
    --master|--deploy-mode|--conf|--executor-memory|--executor-cores|--num-executors|--total-executor-cores|--queue|--name|--jars|--files|--packages)
      (($# >= 2)) || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
      spark_args+=("$1" "$2"); shift 2 ;;
    --driver-memory)
      (($# >= 2)) || { echo "submit.sh: $1 needs a value" >&2; exit 2; }
      driver_memory="$2"; spark_args+=("$1" "$2"); shift 2 ;;
    *) job_args+=("$1"); shift ;;
  esac
done

# Builds the jars when missing or older than the sources.
build_if_needed() {
  local jar="$1"
  if [[ ! -f "$jar" ]] || [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$jar" -print -quit 2>/dev/null)" ]]; then
    echo "submit.sh: building $(basename "$jar") (mvn package, tests skipped)..." >&2
    (cd "$here" && mvn -q -B package -DskipTests) >&2
  fi
}

# ./submit.sh cluster start|status|stop runs a local standalone cluster: a plain JVM, never a Spark application.
if [[ "${job_args[0]:-}" == cluster ]]; then spark_submit=""; fi

if [[ -n "$spark_submit" ]]; then
  build_if_needed "$app_jar"
  exec "$spark_submit" --class "$main_class" \
    --driver-java-options "${jvm_flags[*]}" \
    --conf "spark.executor.extraJavaOptions=${jvm_flags[*]}" \
    "${spark_args[@]}" "$app_jar" "${job_args[@]}"
fi

build_if_needed "$local_jar"
sysprops=()
set -- "${spark_args[@]}"
while (($#)); do
  case "$1" in
    --master) sysprops+=("-Dspark.master=$2") ;;
    --conf) sysprops+=("-D$2") ;;
    --driver-memory) ;;
    *) echo "submit.sh: $1 applies only under spark-submit; ignored in local mode" >&2 ;;
  esac
  shift 2
done
# On a standalone cluster (./submit.sh cluster start) executors load the application from the app jar.
for prop in ${sysprops[@]+"${sysprops[@]}"}; do
  if [[ "$prop" == -Dspark.master=spark://* ]]; then
    [[ -f "$app_jar" ]] || { echo "submit.sh: $app_jar is missing (mvn -B package builds it)" >&2; exit 2; }
    sysprops+=("-Dspark.jars=$app_jar")
  fi
done
# Batch work: the throughput collector spends less CPU than G1 on the many short-lived objects of parsing and
# matching. A collector chosen in JAVA_OPTS wins (the JVM refuses two). The heap starts at its full size
# rather than collecting often while it grows.
gc=(-XX:+UseParallelGC)
[[ "${JAVA_OPTS:-}" == *-XX:+Use*GC* ]] && gc=()
exec java -Xms"$driver_memory" -Xmx"$driver_memory" "${gc[@]}" "${jvm_flags[@]}" ${JAVA_OPTS:-} "${sysprops[@]}" -jar "$local_jar" "${job_args[@]}"
