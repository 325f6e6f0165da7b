{{- /*
The chart's name, or nameOverride: the app.kubernetes.io/name label and the suffix of every object name.
*/ -}}
{{- define "aiguard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- /*
The prefix of every object the chart owns, cluster-scoped ones included: fullnameOverride, else "<release>-<name>"
("<release>" alone when the release name already contains the name). Derived from the release, so two releases
never collide on a ClusterRole, a binding or the leader Lease.
*/ -}}
{{- define "aiguard.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := include "aiguard.name" . }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "aiguard.labels" -}}
{{ include "aiguard.selector" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end }}

{{- define "aiguard.selector" -}}
app.kubernetes.io/name: {{ include "aiguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- /* The operator's ServiceAccount: serviceAccount.name, else the fullname (create=false needs a name). */ -}}
{{- define "aiguard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "aiguard.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name must name an existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- /* The Lease the replicas elect a leader with (AIGUARD_LEASE_NAME), one per release. */ -}}
{{- define "aiguard.leaseName" -}}
{{- include "aiguard.fullname" . }}
{{- end }}

{{- /* repository@digest when image.digest is set (a digest pins the exact image), else repository:tag. */ -}}
{{- define "aiguard.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}
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
