{{- define "aiguard.labels" -}}
app.kubernetes.io/name: aiguard-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end }}

{{- define "aiguard.selector" -}}
app.kubernetes.io/name: aiguard-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "aiguard.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end }}
