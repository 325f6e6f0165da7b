{{- define "aiguard.fullname" -}}
{{- printf "%s-aiguard-operator" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

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

{{- /*
The watched namespaces, validated and without duplicates, as a JSON list (fromJsonArray to use it). Every entry
must be a namespace name (an RFC 1123 label), since each becomes a --namespace flag and two RoleBindings.
*/ -}}
{{- define "aiguard.watchNamespaces" -}}
{{- $names := list }}
{{- range $i, $ns := .Values.watchNamespaces }}
{{- if not (kindIs "string" $ns) }}
{{- fail (printf "watchNamespaces[%d] must be a namespace name (a string), got %v" $i $ns) }}
{{- end }}
{{- if not (regexMatch "^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$" $ns) }}
{{- fail (printf "watchNamespaces[%d] %q is not a namespace name (lower-case letters, digits and '-', at most 63, starting and ending with a letter or digit)" $i $ns) }}
{{- end }}
{{- $names = append $names $ns }}
{{- end }}
{{- $names | uniq | toJson }}
{{- end }}
