export { FAULTS, type Faults } from '@app/cases';
