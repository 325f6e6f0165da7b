-- Argo CD health of an aiguard.io GuardException, from the status the AiGuard operator writes.
-- Healthy: active (Ready=True, reason Active). Degraded: invalid (reason Invalid) or expired (reason Expired):
-- it waives nothing, so the Git copy should be fixed or removed. Progressing: not evaluated for this generation yet.
local hs = {}

local status = obj.status
local generation = type(obj.metadata) == "table" and obj.metadata.generation or 0
if type(generation) ~= "number" then
  generation = 0
end
if type(status) ~= "table" or type(status.observedGeneration) ~= "number" or status.observedGeneration < generation then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to evaluate generation " .. tostring(generation)
  return hs
end

local ready = nil
if type(status.conditions) == "table" then
  for _, c in ipairs(status.conditions) do
    if type(c) == "table" and c.type == "Ready" then
      ready = c
    end
  end
end

local message = (ready and type(ready.message) == "string" and ready.message) or ""
if ready == nil or ready.status == "Unknown" then
  hs.status = "Progressing"
  hs.message = "Waiting for the AiGuard operator to report Ready"
elseif ready.status == "True" and status.active == true then
  hs.status = "Healthy"
  hs.message = "Active: " .. message
elseif ready.reason == "Expired" then
  hs.status = "Degraded"
  hs.message = "Expired: " .. message
elseif ready.reason == "Invalid" then
  hs.status = "Degraded"
  hs.message = "Invalid: " .. message
else
  hs.status = "Degraded"
  hs.message = tostring(ready.reason or "NotReady") .. ": " .. message
end
return hs
