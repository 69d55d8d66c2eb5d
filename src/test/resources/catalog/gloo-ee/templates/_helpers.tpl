{{/* Named glooe.*: template names are shared with the subcharts (gloo defines gloo.*). */}}

{{/* Image reference: a component image's registry falls back to global.image.registry. */}}
{{- define "glooe.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{ $image.registry | default $root.Values.global.image.registry }}/{{ $image.repository }}:{{ $image.tag }}
{{- end -}}

{{/* Every Gloo pod template shows the OSS tag; Enterprise's is its gloo subchart's. */}}
{{- define "glooe.podAnnotations" -}}
gloo.solo.io/oss-image-tag: {{ .Values.gloo.gloo.deployment.ossImageTag | quote }}
{{- end -}}

{{/* Enterprise components read the licence from the license Secret. */}}
{{- define "glooe.licenseEnv" -}}
- name: GLOO_LICENSE_KEY
  valueFrom:
    secretKeyRef:
      name: {{ .Values.license_secret_name }}
      key: license-key
{{- end -}}
