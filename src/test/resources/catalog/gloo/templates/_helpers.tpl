{{/* Image reference: a component image's registry falls back to global.image.registry. */}}
{{- define "gloo.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{ $image.registry | default $root.Values.global.image.registry }}/{{ $image.repository }}:{{ $image.tag }}
{{- end -}}

{{/* Cluster-scoped RBAC names end in -<release namespace>, so two installs (canary) coexist. */}}
{{- define "gloo.rbacNameSuffix" -}}
{{- if .Values.global.glooRbac.nameSuffix -}}
{{ .Values.global.glooRbac.nameSuffix }}
{{- else -}}
-{{ .Release.Namespace }}
{{- end -}}
{{- end -}}

{{/* Annotations every Gloo pod template carries. */}}
{{- define "gloo.podAnnotations" -}}
gloo.solo.io/oss-image-tag: {{ .Values.gloo.deployment.ossImageTag | quote }}
{{- end -}}
