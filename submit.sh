#!/usr/bin/env bash
# Single entry point: ./submit.sh [spark-submit options] <job> [job options]   (./submit.sh --help lists the jobs)
#
# Every spark-submit option (--master, --conf key=value, --properties-file, --principal, --keytab, --jars, ...) may
# appear anywhere on the line and passes through unchanged, in order; everything else belongs to the job.
#
# With SPARK_HOME set, or spark-submit on PATH, the job goes to spark-submit with the application jar
# (target/airesilience-<version>-app.jar, or AIRESILIENCE_APP_JAR); it is never built here: a cluster node or an
# Airflow worker runs what was built and tested. Without Spark installed, the jar runs with java in local mode, with
# Spark's jars from the local Maven repository (built first if missing or older than the sources); --master, --conf, --properties-file, --name, --driver-memory
# and --driver-java-options apply there too.
#
# AIRESILIENCE_PRINT_COMMAND=1 prints the command (one argument per line) instead of running it, and builds nothing.
#
# Runs under bash 3.2 (macOS): no associative arrays, no case conversion, and a possibly empty array is expanded as
# ${a[@]+"${a[@]}"} (3.2 calls a bare expansion of an empty array unbound under set -u).
#
# ./submit.sh cluster start|status|stop runs a Spark standalone cluster on this machine (README, Operations).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# Where `./submit.sh cluster` keeps its state and finds the Spark jars (target/cluster, target/spark-classpath.txt).
export AIRESILIENCE_HOME="$here"
version=0.1.0
app_jar="${AIRESILIENCE_APP_JAR:-$here/target/airesilience-$version-app.jar}"
# Local mode: the checkout's application jar plus the jars it leaves to Spark (Spark, Scala, Hadoop, ...), whose
# paths in the local Maven repository the build lists.
local_jar="$here/target/airesilience-$version-app.jar"
local_classpath_file="$here/target/spark-classpath.txt"
main_class=org.airesilience.cli.Main

# spark-submit's options, as its launcher parses them (org.apache.spark.launcher.SparkSubmitOptionParser, Spark 4.1;
# a test keeps these lists equal to it). --class is set here; --kill and --status act on a running driver (use
# spark-submit itself); --help, -h and --version are the job's.
spark_value_options=" --archives --conf -c --deploy-mode --driver-class-path --driver-cores
  --driver-default-class-path --driver-java-options --driver-library-path --driver-memory --executor-cores
  --executor-memory --files --jars --keytab --master --remote --name --num-executors --packages --exclude-packages
  --principal --properties-file --proxy-user --py-files --queue --repositories --total-executor-cores "
spark_flags=" --supervise --verbose -v --load-spark-defaults "
spark_refused=" --class --kill --status --usage-error "

die() {
  echo "submit.sh: $*" >&2
  exit 2
}

# True when word $1 is one of the whitespace-separated words in $2.
is_one_of() {
  case " ${2//$'\n'/ } " in
    *" $1 "*) return 0 ;;
  esac
  return 1
}

# JVM flags Spark needs on Java 17 in local mode. spark-submit's launcher adds the same list itself (and prepends it
# to the executors' options), so under spark-submit nothing is added and the user's extraJavaOptions stay as given.
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

# Split spark-submit's options (kept in order, as pairs or flags) from the job's arguments.
spark_args=()
job_args=()
while (($#)); do
  arg="$1"
  shift
  name="$arg"
  value=""
  has_inline_value=0
  if [[ "$arg" == --*=* ]]; then
    name="${arg%%=*}"
    value="${arg#*=}"
    has_inline_value=1
  fi
  if is_one_of "$name" "$spark_value_options"; then
    if ((!has_inline_value)); then
      (($#)) || die "$name needs a value"
      value="$1"
      shift
    fi
    if [[ "$name" == --conf || "$name" == -c ]] && [[ "$value" != *=* ]]; then
      die "$name takes a Spark setting, key=value (got '$value'); the job's configuration file is --config FILE"
    fi
    spark_args+=("$name" "$value")
  elif is_one_of "$arg" "$spark_flags"; then
    spark_args+=("$arg")
  elif is_one_of "$name" "$spark_refused"; then
    die "$name is not for submit.sh (the main class is set here; --kill and --status: use spark-submit itself)"
  else
    job_args+=("$arg")
  fi
done

# Runs the command, or prints it under AIRESILIENCE_PRINT_COMMAND=1.
run() {
  if [[ -n "${AIRESILIENCE_PRINT_COMMAND:-}" ]]; then
    printf '%s\n' "$@"
    exit 0
  fi
  exec "$@"
}

# ./submit.sh cluster start|status|stop runs a local standalone cluster: a plain JVM, never a Spark application.
if [[ "${job_args[0]:-}" == cluster ]]; then spark_submit=""; fi

if [[ -n "$spark_submit" ]]; then
  if [[ ! -f "$app_jar" ]]; then
    die "no application jar at $app_jar. With Spark installed submit.sh does not build (a cluster node or an
  Airflow worker runs what was built and tested). Build it once where Maven is available, with
  (cd $here && mvn -B package -DskipTests), then copy the checkout or set AIRESILIENCE_APP_JAR to the jar."
  fi
  if [[ -z "${AIRESILIENCE_APP_JAR:-}" && -d "$here/src/main" ]] \
    && [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$app_jar" -print -quit 2>/dev/null)" ]]; then
    echo "submit.sh: warning: $app_jar is older than the sources; rebuild with mvn -B package -DskipTests" >&2
  fi
  run "$spark_submit" --class "$main_class" ${spark_args[@]+"${spark_args[@]}"} "$app_jar" \
    ${job_args[@]+"${job_args[@]}"}
fi

# Local mode: spark-submit's settings become what spark-submit would make of them in the driver JVM: spark.*
# system properties (the properties file first, so that --conf wins, as under spark-submit) and driver JVM options.
driver_memory="${AIRESILIENCE_DRIVER_MEMORY:-4g}"
file_props=()
conf_props=()
properties_file=""
# spark.driver.extraJavaOptions as spark-submit resolves it: --driver-java-options, else --conf, else the file.
java_options_option=""
java_options_conf=""
java_options_file=""
set -- ${spark_args[@]+"${spark_args[@]}"}
while (($#)); do
  case "$1" in
    --supervise | --verbose | -v | --load-spark-defaults)
      shift
      continue
      ;;
    --master) conf_props+=("-Dspark.master=$2") ;;
    --name) conf_props+=("-Dspark.app.name=$2") ;;
    --conf | -c)
      conf_props+=("-D$2")
      if [[ "$2" == spark.driver.extraJavaOptions=* ]]; then java_options_conf="${2#*=}"; fi
      ;;
    --properties-file) properties_file="$2" ;;
    --driver-memory) driver_memory="$2" ;;
    --driver-java-options) java_options_option="$2" ;;
    *) echo "submit.sh: $1 applies only under spark-submit; ignored in local mode" >&2 ;;
  esac
  shift 2
done
if [[ -n "$properties_file" ]]; then
  [[ -f "$properties_file" ]] || die "--properties-file: no such file: $properties_file"
  # Java properties syntax as Spark reads it: "key value", "key=value" or "key: value"; # and ! start comments.
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line#"${line%%[![:space:]]*}"}"
    [[ -z "$line" || "$line" == \#* || "$line" == !* ]] && continue
    key="${line%%[=:[:space:]]*}"
    rest="${line#"$key"}"
    rest="${rest#"${rest%%[!=:[:space:]]*}"}"
    rest="${rest%"${rest##*[![:space:]]}"}"
    [[ "$key" == spark.* ]] || continue
    file_props+=("-D$key=$rest")
    if [[ "$key" == spark.driver.extraJavaOptions ]]; then java_options_file="$rest"; fi
  done <"$properties_file"
fi
driver_options="${java_options_option:-${java_options_conf:-$java_options_file}}"
driver_jvm_options=()
if [[ -n "${driver_options// /}" ]]; then
  read -r -a driver_jvm_options <<<"$driver_options"
fi

if [[ -z "${AIRESILIENCE_PRINT_COMMAND:-}" ]] \
  && { [[ ! -f "$local_jar" || ! -f "$local_classpath_file" ]] \
    || [[ -n "$(find "$here/src/main" "$here/pom.xml" -newer "$local_jar" -print -quit 2>/dev/null)" ]]; }; then
  echo "submit.sh: building $(basename "$local_jar") (mvn package, tests skipped)..." >&2
  (cd "$here" && mvn -q -B package -DskipTests) >&2
fi
local_classpath="$local_jar"
if [[ -f "$local_classpath_file" ]]; then
  local_classpath="$local_jar:$(cat "$local_classpath_file")"
fi
# On a standalone cluster (./submit.sh cluster start) executors load the application from the app jar.
for prop in ${conf_props[@]+"${conf_props[@]}"}; do
  if [[ "$prop" == -Dspark.master=spark://* ]]; then
    conf_props+=("-Dspark.jars=$local_jar")
  fi
done
# Batch work: the throughput collector spends less CPU than G1 on the many short-lived objects of parsing and
# matching. A collector chosen in JAVA_OPTS or the driver options wins (the JVM refuses two). The heap starts at
# its full size rather than collecting often while it grows.
gc=(-XX:+UseParallelGC)
[[ "${JAVA_OPTS:-} $driver_options" == *-XX:+Use*GC* ]] && gc=()
java_opts=()
if [[ -n "${JAVA_OPTS:-}" ]]; then
  read -r -a java_opts <<<"$JAVA_OPTS"
fi
# The user's options come after the project's, so that theirs win where both set the same thing.
run java -Xms"$driver_memory" -Xmx"$driver_memory" ${gc[@]+"${gc[@]}"} "${jvm_flags[@]}" \
  ${java_opts[@]+"${java_opts[@]}"} ${file_props[@]+"${file_props[@]}"} ${conf_props[@]+"${conf_props[@]}"} \
  ${driver_jvm_options[@]+"${driver_jvm_options[@]}"} -cp "$local_classpath" "$main_class" \
  ${job_args[@]+"${job_args[@]}"}
