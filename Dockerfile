# sedstream serving image: the production distribution (streams-app: run, produce, consume, infer; no
# broker, test kits, DJL or physics) on a JRE, the shipped model bundles baked in, running as a non-root user.
#   docker build -t sedstream:0.1.0 .
#   docker run --rm -e SEDSTREAM_BOOTSTRAP_SERVERS=kafka:9092 -p 8080:8080 sedstream:0.1.0
# Models can instead be mounted over /opt/sedstream/models (or point SEDSTREAM_MODEL_DIR elsewhere).

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml ./
COPY schemas schemas
COPY sed-model sed-model
COPY inference inference
COPY streams-app streams-app
COPY trainer/pom.xml trainer/pom.xml
COPY demo/pom.xml demo/pom.xml
COPY deploy/pom.xml deploy/pom.xml
# Only the serving module and what it needs; tests ran in CI (mvn -B verify).
RUN mvn -B -q -DskipTests -pl streams-app -am package \
 && mkdir /dist && cp -r streams-app/target/sedstream-*/. /dist/

FROM eclipse-temurin:17-jre
# curl for the HEALTHCHECK only.
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sedstream && useradd --system --uid 10001 --gid sedstream --home-dir /opt/sedstream sedstream \
 && mkdir -p /var/lib/sedstream/state && chown -R 10001:10001 /var/lib/sedstream
COPY --from=build /dist /opt/sedstream
COPY models /opt/sedstream/models
ENV PATH=/opt/sedstream/bin:$PATH \
    SEDSTREAM_MODELS_ROOT=/opt/sedstream/models \
    SEDSTREAM_STATE_DIR=/var/lib/sedstream/state \
    SEDSTREAM_HTTP_PORT=8080 \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=50 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC"
USER 10001:10001
WORKDIR /opt/sedstream
EXPOSE 8080
VOLUME ["/var/lib/sedstream/state"]
# Ready = Kafka Streams RUNNING (a rebalance or a restore makes it unready for a while, not unhealthy for long).
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=4 CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["/opt/sedstream/bin/sedstream"]
CMD ["run"]
