{{/* Names and labels. */}}
{{- define "sedstream.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sedstream.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "sedstream.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sedstream.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "sedstream.labels" -}}
{{ include "sedstream.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The environment variable of a sedstream configuration key: SEDSTREAM_<KEY>, '.' and '-' as '_' (as ConfigKey.envVar). */}}
{{- define "sedstream.envName" -}}
{{- printf "SEDSTREAM_%s" (. | upper | replace "." "_" | replace "-" "_") -}}
{{- end -}}

{{/* The consumer group KEDA watches: Kafka Streams' group is its application.id. */}}
{{- define "sedstream.applicationId" -}}
{{- index .Values.config "application.id" | default "sedstream-posteriors" -}}
{{- end -}}

{{- define "sedstream.inputTopic" -}}
{{- index .Values.config "topic.photometry" | default "photometry" -}}
{{- end -}}

{{/* Refuses values that would break the service in production. */}}
{{- define "sedstream.checks" -}}
{{- $timeoutMs := index .Values.config "shutdown.timeout.ms" | default "30000" | int -}}
{{- if le (mul (int .Values.terminationGracePeriodSeconds) 1000) $timeoutMs -}}
{{- fail (printf "terminationGracePeriodSeconds (%d s) must exceed config shutdown.timeout.ms (%d ms): the kubelet would kill the pod mid-close" (int .Values.terminationGracePeriodSeconds) $timeoutMs) -}}
{{- end -}}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.maxReplicas) (int .Values.kafka.inputPartitions)) -}}
{{- fail (printf "autoscaling.maxReplicas (%d) exceeds kafka.inputPartitions (%d): replicas beyond the input partitions get no work" (int .Values.autoscaling.maxReplicas) (int .Values.kafka.inputPartitions)) -}}
{{- end -}}
{{- if and (not .Values.autoscaling.enabled) (gt (int .Values.replicaCount) (int .Values.kafka.inputPartitions)) -}}
{{- fail (printf "replicaCount (%d) exceeds kafka.inputPartitions (%d)" (int .Values.replicaCount) (int .Values.kafka.inputPartitions)) -}}
{{- end -}}
{{- if and .Values.kafka.sasl.enabled (or (not .Values.kafka.sasl.username) (not .Values.kafka.sasl.passwordSecret)) -}}
{{- fail "kafka.sasl.enabled needs kafka.sasl.username and kafka.sasl.passwordSecret" -}}
{{- end -}}
{{- if and .Values.kafka.tls.enabled (not .Values.kafka.tls.caSecret) -}}
{{- fail "kafka.tls.enabled needs kafka.tls.caSecret (a Secret with the cluster CA in PEM)" -}}
{{- end -}}
{{- if hasKey .Values.config "bootstrap.servers" -}}
{{- fail "set kafka.bootstrapServers, not config.bootstrap.servers" -}}
{{- end -}}
{{- if hasKey .Values.config "state.dir" -}}
{{- fail "config.state.dir is the chart's: the state volume is mounted at /var/lib/sedstream/state (persistence.*)" -}}
{{- end -}}
{{- if hasKey .Values.config "http.port" -}}
{{- fail "set httpPort, not config.http.port (the probes and monitors use it)" -}}
{{- end -}}
{{- end -}}

{{/* The JAAS line for the SASL mechanism; $(SASL_PASSWORD) is expanded by Kubernetes from the secret-backed variable. */}}
{{- define "sedstream.jaas" -}}
{{- if eq .Values.kafka.sasl.mechanism "PLAIN" -}}
org.apache.kafka.common.security.plain.PlainLoginModule required username="{{ .Values.kafka.sasl.username }}" password="$(SASL_PASSWORD)";
{{- else -}}
org.apache.kafka.common.security.scram.ScramLoginModule required username="{{ .Values.kafka.sasl.username }}" password="$(SASL_PASSWORD)";
{{- end -}}
{{- end -}}

{{/* The pod template shared by the Deployment and the StatefulSet. */}}
{{- define "sedstream.podTemplate" -}}
metadata:
  labels:
    {{- include "sedstream.selectorLabels" . | nindent 4 }}
    {{- with .Values.podLabels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  annotations:
    {{- with .Values.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
  {{- with .Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  securityContext:
    {{- toYaml .Values.podSecurityContext | nindent 4 }}
  containers:
    - name: sedstream
      image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
      imagePullPolicy: {{ .Values.image.pullPolicy }}
      args: ["run"]
      securityContext:
        {{- toYaml .Values.securityContext | nindent 8 }}
      ports:
        - name: http
          containerPort: {{ .Values.httpPort }}
      env:
        - name: JAVA_OPTS
          value: {{ printf "-XX:MaxRAMPercentage=%v %s" .Values.jvm.maxRamPercentage .Values.jvm.extraOpts | trim | quote }}
        - name: SEDSTREAM_BOOTSTRAP_SERVERS
          value: {{ .Values.kafka.bootstrapServers | quote }}
        - name: SEDSTREAM_HTTP_PORT
          value: {{ .Values.httpPort | quote }}
        - name: SEDSTREAM_STATE_DIR
          value: /var/lib/sedstream/state
        {{- range $key, $value := .Values.config }}
        - name: {{ include "sedstream.envName" $key }}
          value: {{ $value | toString | quote }}
        {{- end }}
        - name: SEDSTREAM_KAFKA_SECURITY_PROTOCOL
          value: {{ .Values.kafka.securityProtocol | quote }}
        {{- if .Values.kafka.sasl.enabled }}
        - name: SASL_PASSWORD
          valueFrom:
            secretKeyRef:
              name: {{ .Values.kafka.sasl.passwordSecret }}
              key: {{ .Values.kafka.sasl.passwordKey }}
        - name: SEDSTREAM_KAFKA_SASL_MECHANISM
          value: {{ .Values.kafka.sasl.mechanism | quote }}
        - name: SEDSTREAM_KAFKA_SASL_JAAS_CONFIG
          value: {{ include "sedstream.jaas" . | quote }}
        {{- end }}
        {{- if .Values.kafka.tls.enabled }}
        - name: SEDSTREAM_KAFKA_SSL_TRUSTSTORE_TYPE
          value: PEM
        - name: SEDSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION
          value: /etc/sedstream/kafka-ca/{{ .Values.kafka.tls.caKey }}
        {{- end }}
        {{- range $key, $value := .Values.kafka.extra }}
        - name: {{ include "sedstream.envName" (printf "kafka.%s" $key) }}
          value: {{ $value | toString | quote }}
        {{- end }}
      livenessProbe:
        httpGet: {path: /health/live, port: http}
        {{- toYaml .Values.probes.liveness | nindent 8 }}
      readinessProbe:
        httpGet: {path: /health/ready, port: http}
        {{- toYaml .Values.probes.readiness | nindent 8 }}
      startupProbe:
        httpGet: {path: /health/live, port: http}
        {{- toYaml .Values.probes.startup | nindent 8 }}
      resources:
        {{- toYaml .Values.resources | nindent 8 }}
      volumeMounts:
        - name: state
          mountPath: /var/lib/sedstream/state
        - name: tmp
          mountPath: /tmp
        {{- if .Values.models.volume }}
        - name: models
          mountPath: /opt/sedstream/models
          readOnly: true
        {{- end }}
        {{- if .Values.kafka.tls.enabled }}
        - name: kafka-ca
          mountPath: /etc/sedstream/kafka-ca
          readOnly: true
        {{- end }}
  volumes:
    # ONNX Runtime and RocksDB unpack native libraries to java.io.tmpdir; the root filesystem is read-only.
    - name: tmp
      emptyDir: {}
    {{- if not .Values.persistence.enabled }}
    - name: state
      emptyDir: {}
    {{- end }}
    {{- with .Values.models.volume }}
    - name: models
      {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- if .Values.kafka.tls.enabled }}
    - name: kafka-ca
      secret:
        secretName: {{ .Values.kafka.tls.caSecret }}
    {{- end }}
  {{- with .Values.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with .Values.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end -}}
