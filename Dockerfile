# Berth's container image: a jlinked Java 25 runtime holding only Berth's modules (with its AOT cache), the
# berth launcher, busybox-static, and the host libraries the JVM needs; berth init is PID 1. Nothing is
# pulled: the Maven build assembles every file (dev.berth.it.docker.ImageContext), so it builds offline.
#   ./mvnw -B package -DskipTests -pl integration-tests -am
#   docker build -t berth .
#   docker run --rm berth sh -c 'echo hello from $(berth --version)'
FROM scratch
COPY integration-tests/target/berth-image/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
ENTRYPOINT ["berth", "init", "--"]
CMD ["sh"]
