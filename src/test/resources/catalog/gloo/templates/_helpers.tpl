{{/* Image reference: quay.io/solo-io/<repository>:<tag> (GLOO_CHARTS.md, section 0). */}}
{{- define "gloo.image" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{ $root.Values.global.image.registry }}/{{ $image.repository }}:{{ $image.tag }}
{{- end -}}

{{/* Cluster-scoped RBAC names end in -<release namespace>, so two installs (canary) coexist. */}}
{{- define "gloo.rbacNameSuffix" -}}
{{- if .Values.global.glooRbac.nameSuffix -}}
{{ .Values.global.glooRbac.nameSuffix }}
{{- else -}}
-{{ .Release.Namespace }}
{{- end -}}
{{- end -}}

{{/* The container securityContext of every Gloo container and Job (section 3). */}}
{{- define "gloo.containerSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10101
readOnlyRootFilesystem: true
allowPrivilegeEscalation: false
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
A hook Job's delete policy and TTL (section 1, _helpers.tpl): with a TTL and setTtlAfterFinished
unset or true, before-hook-creation and the TTL; otherwise hook-succeeded,before-hook-creation
and no TTL. Called with (list $job "annotation" | "ttl").
*/}}
{{- define "gloo.jobDeletePolicy" -}}
{{- $job := index . 0 -}}
{{- $ttl := and $job.ttlSecondsAfterFinished (or (not (hasKey $job "setTtlAfterFinished")) $job.setTtlAfterFinished) -}}
{{- if eq (index . 1) "annotation" -}}
{{- if $ttl }}before-hook-creation{{ else }}hook-succeeded,before-hook-creation{{ end -}}
{{- else if $ttl -}}
ttlSecondsAfterFinished: {{ $job.ttlSecondsAfterFinished }}
{{- end -}}
{{- end -}}

{{/*
The pod of a kubectl Job: its labels, account, security and the kubectl container running the
script given. Called with (dict "root" $ "job" <job values> "name" <job> "serviceAccount" <sa>
"label" <gloo label> "script" <script> "customResources" <mount the custom resources?>).
*/}}
{{- define "gloo.kubectlJobTemplate" -}}
{{- $root := .root -}}
metadata:
  labels:
    gloo: {{ .label }}
    sidecar.istio.io/inject: "false"
spec:
  serviceAccountName: {{ .serviceAccount }}
  restartPolicy: {{ .job.restartPolicy }}
  {{- if .customResources }}
  volumes:
    - name: custom-resource-config-volume
      configMap:
        name: gloo-custom-resource-config
        items:
          - key: custom-resources
            path: custom-resources
  {{- end }}
  containers:
    - name: kubectl
      image: {{ include "gloo.image" (list $root .job.image) }}
      imagePullPolicy: {{ $root.Values.global.image.pullPolicy }}
      securityContext:
        {{- include "gloo.containerSecurityContext" $root | nindent 8 }}
      {{- if .customResources }}
      env:
        - name: HAS_CUSTOM_RESOURCES
          valueFrom:
            configMapKeyRef:
              name: gloo-custom-resource-config
              key: has-custom-resources
      volumeMounts:
        - name: custom-resource-config-volume
          mountPath: /etc/gloo-custom-resources
      {{- end }}
      command:
        - /bin/sh
        - -c
        - |
          {{- .script | nindent 10 }}
{{- end -}}
